package org.keygate.operations.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /openapi}: Keygate's own {@link OpenApiDocument}, YAML unless the client asks for
 * JSON ({@code ?format=json} or an {@code Accept} that prefers {@code application/json}), and at
 * {@code /openapi/ui/} Swagger UI showing it, with "try it out" against this server. The UI's
 * files come from the Swagger UI webjar in the WAR; its page and start script are Keygate's own,
 * so nothing inline runs and the page's policy ({@code SecurityHeadersFilter}) allows only this
 * server's scripts, styles and calls. Payara's generic MicroProfile OpenAPI is switched off
 * (server-config/payara/preboot.asadmin) so that this document is the one at the server root.
 */
@WebServlet(name = "OpenApi", urlPatterns = {"/openapi", "/openapi/*"})
public class OpenApiServlet extends HttpServlet {

    static final String UI = "/ui/";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String OWN = "openapi/ui/";
    /** Swagger UI's files this page uses; nothing else of the webjar is served. */
    private static final Pattern ASSET = Pattern.compile("swagger-ui(-bundle|-standalone-preset)?\\.(js|css)|index\\.css"
            + "|favicon-(16x16|32x32)\\.png");
    private static final Map<String, String> OWN_FILES = Map.of("", "index.html", "keygate-swagger.js", "keygate-swagger.js");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript;charset=UTF-8",
            "css", "text/css;charset=UTF-8", "png", "image/png", "html", "text/html;charset=UTF-8");

    private OpenApiDocument document;
    private String webjar;

    @Override
    public void init() throws ServletException {
        document = OpenApiDocument.forContext(getServletContext().getContextPath());
        webjar = WEBJAR + webjarVersion() + "/";
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null || path.equals("/")) {
            document(request, response);
        } else if (path.equals("/ui")) {
            response.sendRedirect(request.getContextPath() + "/openapi/ui/");
        } else if (path.startsWith(UI)) {
            ui(path.substring(UI.length()), response);
        } else {
            response.sendError(404);
        }
    }

    private void document(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String format = request.getParameter("format");
        boolean json;
        if (format != null) {
            switch (format.toLowerCase(Locale.ROOT)) {
                case "json" -> json = true;
                case "yaml" -> json = false;
                default -> {
                    response.sendError(400, "format is json or yaml");
                    return;
                }
            }
        } else {
            json = prefersJson(request.getHeader("Accept"));
        }
        write(response, json ? document.json() : document.yaml(),
                json ? "application/json;charset=UTF-8" : "application/yaml;charset=UTF-8", "no-cache");
    }

    /** True when the Accept header names JSON and not YAML (the order of a list of types does not matter). */
    static boolean prefersJson(String accept) {
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        return a.contains("application/json") && !a.contains("yaml");
    }

    private void ui(String file, HttpServletResponse response) throws IOException {
        String resource;
        if (OWN_FILES.containsKey(file)) {
            resource = OWN + OWN_FILES.get(file);
        } else if (ASSET.matcher(file).matches()) {
            resource = webjar + file;
        } else {
            response.sendError(404);
            return;
        }
        byte[] body;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                response.sendError(404);
                return;
            }
            body = in.readAllBytes();
        }
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        response.setStatus(200);
        response.setContentType(TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
        response.setHeader("Cache-Control", OWN_FILES.containsKey(file) ? "no-cache" : "public, max-age=86400");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void write(HttpServletResponse response, String text, String type, String cache) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType(type);
        response.setHeader("Cache-Control", cache);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The webjar's version, from its Maven metadata, so that an upgrade of the jar needs no code change. */
    private static String webjarVersion() {
        try (InputStream in = OpenApiServlet.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the Swagger UI webjar is missing from the WAR");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
