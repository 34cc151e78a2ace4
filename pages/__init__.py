"""The site's own pages: the public home page and the signed-in start page."""
