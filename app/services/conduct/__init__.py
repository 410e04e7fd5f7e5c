"""Meeting conduct: attendance, invited persons, decision points, ballots, dissents, instructions.

One module per user action; :mod:`.common` holds what they share.
"""
