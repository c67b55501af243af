"""marshmallow schemas: the one contract of the JSON API (and of the forms that share its rules)."""
