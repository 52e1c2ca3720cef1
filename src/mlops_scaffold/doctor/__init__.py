"""`mlops doctor`: audit a repository against the catalogue, statically and fast."""
