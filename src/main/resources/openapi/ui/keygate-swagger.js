// Starts Swagger UI on Keygate's own document. A file, not an inline script, so the page's
// Content-Security-Policy can forbid inline code. validatorUrl null: the UI never sends the
// document to an outside validator service.
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '../../openapi?format=json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    displayOperationId: true,
    persistAuthorization: false,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout'
  });
});
