package org.keygate.usage.boundary;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.keygate.platform.boundary.Downloads;
import org.keygate.platform.boundary.QueryParams;

/**
 * {@code /admin/usage/records.csv?key_id=…&from=…&to=…}: the key page's "Download CSV" of the
 * window on screen, in the page session; the same records and columns as
 * {@code GET /api/v1/usage/records?format=csv}.
 */
@WebServlet("/admin/usage/records.csv")
public class UsageExportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient UsageRecords records;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String keyId = request.getParameter("key_id");
        Downloads.csv(response, keyId == null ? "usage.csv" : UsageCsv.fileName(keyId),
                () -> UsageCsv.records(records.export(keyId, QueryParams.instant("from", request.getParameter("from")),
                        QueryParams.instant("to", request.getParameter("to")))));
    }
}
