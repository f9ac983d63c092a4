package org.keygate.team.boundary;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keygate.platform.boundary.PageRequest;


/**
 * The teams and members a page may offer in selects and show by name instead of id: those the
 * caller's services return (so a MEMBER sees their own teams and themselves). At most one page of
 * each ({@link PageRequest#MAX_SIZE}); ids beyond it are shown as ids.
 */
public class Choices implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, String> teams = new LinkedHashMap<>();
    private final Map<String, String> members = new LinkedHashMap<>();

    public static Choices load(Teams teamService, Members memberService) {
        Choices c = new Choices();
        for (TeamView t : teamService.list(new PageRequest(1, PageRequest.MAX_SIZE)).items()) {
            c.teams.put(t.id(), t.name());
        }
        for (MemberView m : memberService.list(null, null, new PageRequest(1, PageRequest.MAX_SIZE)).items()) {
            c.members.put(m.id(), m.username());
        }
        return c;
    }

    public String team(String id) {
        return teams.getOrDefault(id, id);
    }

    public String member(String id) {
        return members.getOrDefault(id, id);
    }

    public Map<String, String> getTeams() {
        return teams;
    }

    public Map<String, String> getMembers() {
        return members;
    }

    public List<String> teamIds() {
        return List.copyOf(teams.keySet());
    }
}
