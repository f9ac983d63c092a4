package org.keygate.platform.boundary;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /} leads to the dashboard (which sends a visitor without a session on to the login). */
@WebServlet(name = "RootRedirect", urlPatterns = "")
public class RootRedirect extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect(request.getContextPath() + "/admin/index.xhtml");
    }
}
