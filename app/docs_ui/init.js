// Starts Swagger UI on the app's own OpenAPI document (kept out of the HTML: the CSP forbids
// inline scripts).
window.addEventListener("load", () => {
  window.ui = SwaggerUIBundle({
    url: "/api/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    persistAuthorization: true,
  });
});
