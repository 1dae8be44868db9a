"""The district hub: sync API, conflict queue, synchronized NIK database, admin UI."""
