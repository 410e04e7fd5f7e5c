"""The chair's review: what awaits the chair, remarks returned, the secretary's answers."""
