package org.keygate.team.boundary;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.keygate.platform.boundary.FacesActions;
import org.keygate.platform.boundary.PageRequest;

/** {@code /admin/teams/list.xhtml}: the caller's teams with their balance, and new teams (ORG_ADMIN). */
@Named
@ViewScoped
public class TeamsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Teams teams;

    private List<TeamView> list;
    private String name;

    @PostConstruct
    void load() {
        list = teams.list(new PageRequest(1, PageRequest.MAX_SIZE)).items();
    }

    public void create() {
        TeamView created = FacesActions.run(() -> teams.create(new CreateTeamRequest(name, null, null, null, null)),
                Map.of("name", "createTeam:name"));
        if (created != null) {
            name = null;
            load();
            FacesActions.info("Team " + created.name() + " created. Add credit on its page before its keys can spend.");
        }
    }

    public List<TeamView> getList() {
        return list;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
