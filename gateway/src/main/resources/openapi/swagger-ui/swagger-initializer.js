// Points Swagger UI at the gateway's own OpenAPI document. It lives in a file rather than inline in
// the page so that a Content-Security-Policy of "script-src 'self'" allows it; validatorUrl null keeps
// the page from calling the public validator service.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/api-docs",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    validatorUrl: null,
  });
});
