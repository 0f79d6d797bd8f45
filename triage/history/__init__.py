"""The screening history: completed screenings in one private SQLite file."""
