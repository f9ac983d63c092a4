-- A membership the identity provider's groups grant (keygate.auth.groups.team-pattern / .teams) is
-- kept apart from one set in Keygate: it follows the groups at every login and token use and cannot
-- be edited in Keygate.
ALTER TABLE membership ADD COLUMN from_idp BOOLEAN DEFAULT FALSE NOT NULL;
