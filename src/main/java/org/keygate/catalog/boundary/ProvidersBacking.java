package org.keygate.catalog.boundary;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.keygate.catalog.entity.ModelProvider;
import org.keygate.platform.boundary.FacesActions;
import org.keygate.platform.boundary.PageRequest;

/**
 * {@code /admin/catalog/providers.xhtml}: the upstream providers through {@link Catalog}, with the
 * credential <em>reference</em> and whether it resolves on this server (never the secret). Everyone
 * reads; the create/edit form is for ORG_ADMIN, and {@link Catalog} enforces that too.
 */
@Named
@ViewScoped
public class ProvidersBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> FIELDS = Map.of("id", "providerForm:id", "name", "providerForm:name",
            "kind", "providerForm:kind", "base_url", "providerForm:baseUrl", "credential_ref",
            "providerForm:credentialRef");

    @Inject
    Catalog catalog;

    private List<ProviderView> providers;
    private long total;
    private String editing;
    private String id;
    private String name;
    private String kind = Catalog.OPENAI;
    private String baseUrl;
    private String credentialRef;

    @PostConstruct
    void load() {
        var page = catalog.listProviders(new PageRequest(1, PageRequest.MAX_SIZE));
        providers = page.items();
        total = page.total();
    }

    /** Creates the provider, or saves the one being edited, through the catalogue service. */
    public void save() {
        ProviderView saved = editing == null
                ? FacesActions.run(() -> catalog.createProvider(new CreateProviderRequest(id, name, kind, baseUrl, credentialRef)),
                        FIELDS)
                : FacesActions.run(() -> catalog.updateProvider(editing, new UpdateProviderRequest(Optional.ofNullable(name),
                        ModelProvider.DEMO.equals(kind) ? null : Optional.ofNullable(baseUrl),
                        Optional.ofNullable(credentialRef))), FIELDS);
        if (saved != null) {
            FacesActions.info("Provider " + saved.id() + (editing == null ? " created." : " saved.")
                    + " The gateway uses it from the next request.");
            clear();
            load();
        }
    }

    public void edit(ProviderView p) {
        editing = p.id();
        id = p.id();
        name = p.name();
        kind = p.kind();
        baseUrl = p.baseUrl();
        credentialRef = p.credentialRef();
    }

    public void clear() {
        editing = null;
        id = null;
        name = null;
        kind = Catalog.OPENAI;
        baseUrl = null;
        credentialRef = null;
    }

    public List<ProviderView> getProviders() {
        return providers;
    }

    public long getTotal() {
        return total;
    }

    public String getEditing() {
        return editing;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getCredentialRef() {
        return credentialRef;
    }

    public void setCredentialRef(String credentialRef) {
        this.credentialRef = credentialRef;
    }
}
