"""The OpenAPI schema's error answers. drf-spectacular documents the success of each
operation only; CONTRACT.md §5 promises the errors as well (400 with field errors,
401/403/404 as usual, 409 on a stale edit), so every operation lists those it can give."""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent, force_instance

ERROR_SCHEMAS = {
    "FieldErrors": {
        "type": "object",
        "description": (
            'Every invalid field with its messages, `{"field": ["message"]}`; nested '
            'fields as in the request (`{"remarks": [{"text": ["…"]}]}`); rules that '
            "concern no single field under `non_field_errors`; a body that cannot be "
            'parsed: `{"detail": "…"}`.'
        ),
        "additionalProperties": {},
        "example": {"reason": ["Посочете мотивите за връщането."]},
    },
    "Error": {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    "StaleVersion": {
        "type": "object",
        "description": "The object changed since it was read: read it again (at "
        "`current_version`) and send the change again.",
        "properties": {
            "version": {"type": "array", "items": {"type": "string"}},
            "current_version": {"type": "integer"},
        },
        "required": ["version", "current_version"],
    },
}

ERRORS = {
    "400": ("FieldErrors", "Invalid parameters or body."),
    "401": (
        "Error",
        "No credentials or invalid credentials (`WWW-Authenticate: Token`).",
    ),
    "403": ("Error", "A user whose role may not do this, or a session without CSRF token."),
    "404": ("Error", "No such object among those the user may see, or no such page."),
    "409": ("StaleVersion", "`version` is not the current one: nothing was changed."),
    "429": ("Error", "Too many requests: try again later."),
}


class AutoSchema(SpectacularAutoSchema):
    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        responses = operation["responses"]
        for code in self._error_codes(operation):
            if code in responses:
                continue
            component, description = ERRORS[code]
            self.registry.register_on_missing(
                ResolvedComponent(
                    name=component,
                    type=ResolvedComponent.SCHEMA,
                    object=component,
                    schema=ERROR_SCHEMAS[component],
                )
            )
            responses[code] = {
                "description": description,
                "content": {
                    "application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}
                },
            }
        return operation

    def _error_codes(self, operation):
        parameters = operation.get("parameters", [])
        # A change can also be refused for the object's state (an accepted report, a
        # published analysis): 400 naming the field, as for an invalid body.
        if (
            "requestBody" in operation
            or self.method != "GET"
            or any(p["in"] == "query" for p in parameters)
        ):
            yield "400"
        # Missing or invalid credentials are a 401 (the first authentication class,
        # Token, names the challenge); an invalid token is refused even where no log-in
        # is needed. A user the rules refuse, or a session without CSRF token: 403.
        yield "401"
        yield "403"
        # A paginated list answers 404 for a page past the end.
        if any(p["in"] == "path" or p["name"] == "page" for p in parameters):
            yield "404"
        if self.method != "GET" and "version" in getattr(
            force_instance(self.get_request_serializer()), "fields", {}
        ):
            yield "409"
        if self.view.get_throttles():
            yield "429"
