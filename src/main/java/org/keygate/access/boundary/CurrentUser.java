package org.keygate.access.boundary;

import java.io.IOException;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.keygate.access.entity.OrgRole;

/**
 * The logged-in person as the layout shows them ({@code #{me}}): name, role, which menu entries
 * make sense for them, and logout. What they may actually do is decided by the services.
 */
@Named("me")
@RequestScoped
public class CurrentUser {

    @Inject
    Caller caller;

    @Inject
    AuthSettings settings;

    public String getUsername() {
        return caller.username();
    }

    public String getRole() {
        if (caller.orgRole() == OrgRole.ORG_ADMIN) {
            return "Org admin";
        }
        if (caller.orgRole() == OrgRole.AUDITOR) {
            return "Auditor";
        }
        if (caller.orgRole() == OrgRole.SERVICE) {
            return "Service account";
        }
        return caller.adminTeamIds().isEmpty() ? "Member" : "Team admin";
    }

    public boolean isOrgAdmin() {
        return caller.isOrgAdmin();
    }

    /** ORG_ADMIN and AUDITOR: the audit log. */
    public boolean isReadsEverything() {
        return caller.readsEverything();
    }

    /** Anyone who administers people: ORG_ADMIN, AUDITOR (read-only) or a TEAM_ADMIN. */
    public boolean isManagesPeople() {
        return caller.readsEverything() || !caller.adminTeamIds().isEmpty();
    }

    /** Whether to offer changes at all: the rule the services enforce ({@link Caller#isWriter()}). */
    public boolean isWriter() {
        return caller.isWriter();
    }

    public boolean isTeamAdmin(String teamId) {
        return caller.isTeamAdmin(teamId);
    }

    public String getMemberId() {
        return caller.memberId();
    }

    /** Logout is Keygate's in local and oidc mode; behind an SSO proxy the proxy owns the session. */
    public boolean isCanLogout() {
        return settings.mode() != AuthMode.HEADER;
    }

    public String getMode() {
        return settings.mode().name().toLowerCase();
    }

    public void logout() throws IOException, ServletException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        if (settings.mode() == AuthMode.OIDC) {
            request.logout();
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        external.redirect(external.getRequestContextPath() + "/login.xhtml?loggedOut=true");
    }
}
