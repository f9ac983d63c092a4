package org.keygate.access.boundary;

import java.io.IOException;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
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

    @Inject
    LogoutTarget logoutTarget;

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

    /**
     * Logout is Keygate's in local and oidc mode; behind an SSO proxy the proxy owns the session, so
     * there is a logout only when the proxy's logout URL is configured.
     */
    public boolean isCanLogout() {
        return settings.mode() != AuthMode.HEADER || settings.headerLogoutUrl().isPresent();
    }

    public String getMode() {
        return settings.mode().name().toLowerCase();
    }

    /**
     * Ends the session and sends the browser where the logout goes on ({@link LogoutTarget}): a
     * redirect within Keygate, a page that moves on for anywhere else ({@link LogoutTarget#leavingPage}). No
     * {@code request.logout()}: in {@code oidc} mode Jakarta Security answers it with a redirect of its
     * own (back to the IdP's login), which committed the response before this one (a 500). The
     * mechanism keeps its login in the session ({@code useSession}), so ending the session ends it too.
     */
    public void logout() throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        HttpSession session = request.getSession(false);
        String idToken = null;
        if (session != null) {
            idToken = session.getAttribute(Authentication.SESSION_ID_TOKEN) instanceof String t ? t : null;
            session.invalidate();
        }
        String target = logoutTarget.after(request, idToken);
        if (logoutTarget.sameOrigin(request, target)) {
            external.redirect(target);
            return;
        }
        external.setResponseContentType("text/html;charset=UTF-8");
        external.setResponseHeader("Cache-Control", "no-store");
        external.getResponseOutputWriter().write(LogoutTarget.leavingPage(target));
        FacesContext.getCurrentInstance().responseComplete();
    }
}
