package org.keygate.platform.boundary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletResponse;

import org.keygate.platform.control.Csv;
import org.keygate.platform.control.KeygateException;

/**
 * The pages' CSV download links ({@code /admin/…/*.csv}). They run in the page session (the
 * management API never accepts it), call the same services as the API's {@code format=csv} and
 * answer the same CSV. Bad input is a 400 with the service's message; anything the caller may
 * not see is the pages' 404, exactly like a page.
 */
public final class Downloads {

    private Downloads() {
    }

    public static void csv(HttpServletResponse response, String fileName, Supplier<String> body) throws IOException {
        String csv;
        try {
            csv = body.get();
        } catch (KeygateException e) {
            if (e.status() == 400) {
                response.setStatus(400);
                response.setContentType("text/plain;charset=UTF-8");
                response.getWriter().write(e.field() == null ? e.getMessage() : e.field() + ": " + e.getMessage());
            } else {
                response.sendError(404);
            }
            return;
        }
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        response.setContentType(Csv.MEDIA_TYPE + ";charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
