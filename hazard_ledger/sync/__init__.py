"""The weekly sync package: export (station → county) and import with merge."""
