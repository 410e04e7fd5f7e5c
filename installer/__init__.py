"""Building Kenes for users: the bundle, the Debian package, the Windows installer."""
