"""Two migrations that change a table after it holds rows, to test the migration runner itself."""
