package org.keygate.audit.boundary;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.keygate.platform.boundary.Downloads;
import org.keygate.platform.boundary.QueryParams;

/**
 * {@code /admin/audit/entries.csv?actor=…&action=…&target_type=…&target_id=…&from=…&to=…}: the audit
 * page's "Export CSV" of its current filter, in the page session; the same entries and columns as
 * {@code GET /api/v1/audit?format=csv}.
 */
@WebServlet("/admin/audit/entries.csv")
public class AuditExportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient AuditQueries audit;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Downloads.csv(response, AuditCsv.FILE_NAME, () -> AuditCsv.entries(audit.export(blank(request, "actor"),
                blank(request, "action"), blank(request, "target_type"), blank(request, "target_id"),
                QueryParams.instant("from", request.getParameter("from")),
                QueryParams.instant("to", request.getParameter("to")))));
    }

    private static String blank(HttpServletRequest request, String name) {
        String v = request.getParameter(name);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
