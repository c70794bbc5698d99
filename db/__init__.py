"""gouji's SQLite database: schema (migrations), store, queries. Imports extract/, never the reverse."""
