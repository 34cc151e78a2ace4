def login_username(request, credentials=None):
    """The e-mail a log-in attempt names, folded as the log-in itself folds it, so
    that USER@x and user@x share one failure count (django-axes)."""
    source = credentials if credentials is not None else request.POST
    return (source.get("username") or "").strip().lower() or None
