"""Administrator and moderator pages."""
