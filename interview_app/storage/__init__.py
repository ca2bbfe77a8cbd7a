"""The encrypted vault: the only place with SQL, and the only place case data is kept."""
