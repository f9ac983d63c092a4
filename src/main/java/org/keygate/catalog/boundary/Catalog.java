package org.keygate.catalog.boundary;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.keygate.access.boundary.Caller;
import org.keygate.audit.boundary.AuditLog;
import org.keygate.catalog.control.CredentialRefs;
import org.keygate.catalog.entity.Model;
import org.keygate.catalog.entity.ModelProvider;
import org.keygate.platform.boundary.Page;
import org.keygate.platform.boundary.PageRequest;
import org.keygate.platform.control.Input;
import org.keygate.platform.control.Conflict;
import org.keygate.platform.control.InvalidInput;
import org.keygate.platform.control.NotFound;
import org.keygate.platform.control.ReportsInvalidInput;

/**
 * The model catalogue of docs/api.md: every authenticated member reads it (keys name models from it),
 * only ORG_ADMIN changes it. Every change is audited and announced with {@link CatalogChanged} so
 * the gateway's in-memory routing table follows at once.
 */
@Stateless
@ReportsInvalidInput
public class Catalog {

    static final String OPENAI = ModelProvider.OPENAI;
    /** An {@code anthropic} provider's base URL when none is given: there is one Anthropic API. */
    static final String ANTHROPIC_BASE_URL = "https://api.anthropic.com/v1";

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    Event<CatalogChanged> changes;

    // ----- providers -----

    public ProviderView createProvider(@NotNull @Valid CreateProviderRequest request) {
        caller.requireOrgAdmin();
        String id = Input.text(request.id());
        if (em.find(ModelProvider.class, id) != null) {
            throw new Conflict("provider_exists", "id", "a provider '" + id + "' already exists");
        }
        String kind = request.kind() == null ? OPENAI : request.kind();
        String name = request.name() == null ? id : Input.text(request.name());
        String baseUrl = ModelProvider.DEMO.equals(kind) ? Input.text(request.baseUrl()) : baseUrl(kind, request.baseUrl());
        if (ModelProvider.DEMO.equals(kind) && baseUrl != null) {
            throw new InvalidInput("base_url", "a demo provider answers locally and takes no base_url");
        }
        ModelProvider provider = new ModelProvider(id, name, kind, baseUrl, Input.text(request.credentialRef()),
                Instant.now(clock));
        em.persist(provider);
        ProviderView view = view(provider);
        audit.record(caller.username(), caller.sourceIp(), "provider.create", "provider", id, null, view);
        changes.fire(new CatalogChanged("provider", id));
        return view;
    }

    public ProviderView updateProvider(String id, @NotNull @Valid UpdateProviderRequest request) {
        caller.requireOrgAdmin();
        ModelProvider provider = provider(id);
        ProviderView before = view(provider);
        if (request.name() != null) {
            provider.setName(Input.text(request.name().orElseThrow()));
        }
        if (request.baseUrl() != null) {
            if (provider.isDemo()) {
                throw new InvalidInput("base_url", "a demo provider answers locally and takes no base_url");
            }
            provider.setBaseUrl(baseUrl(provider.getKind(), request.baseUrl().orElse(null)));
        }
        if (request.credentialRef() != null) {
            provider.setCredentialRef(Input.text(request.credentialRef().orElse(null)));
        }
        em.flush();
        ProviderView after = view(provider);
        audit.record(caller.username(), caller.sourceIp(), "provider.update", "provider", id, before, after);
        changes.fire(new CatalogChanged("provider", id));
        return after;
    }

    public ProviderView getProvider(String id) {
        return view(provider(id));
    }

    public Page<ProviderView> listProviders(PageRequest page) {
        List<ProviderView> items = em.createNamedQuery(ModelProvider.ALL, ModelProvider.class).setFirstResult(page.offset())
                .setMaxResults(page.size()).getResultList().stream().map(Catalog::view).toList();
        long total = em.createQuery("SELECT COUNT(p) FROM ModelProvider p", Long.class).getSingleResult();
        return new Page<>(items, page.page(), page.size(), total);
    }

    public void deleteProvider(String id) {
        caller.requireOrgAdmin();
        ModelProvider provider = provider(id);
        long models = em.createNamedQuery(Model.COUNT_BY_PROVIDER, Long.class).setParameter("providerId", id)
                .getSingleResult();
        if (models > 0) {
            throw new Conflict("provider_in_use", "provider '" + id + "' still serves " + models
                    + " model(s); delete or move them first");
        }
        ProviderView before = view(provider);
        em.remove(provider);
        audit.record(caller.username(), caller.sourceIp(), "provider.delete", "provider", id, before, null);
        changes.fire(new CatalogChanged("provider", id));
    }

    // ----- models -----

    public ModelView createModel(@NotNull @Valid CreateModelRequest request) {
        caller.requireOrgAdmin();
        String id = Input.text(request.id());
        if (em.find(Model.class, id) != null) {
            throw new Conflict("model_exists", "id", "a model '" + id + "' already exists");
        }
        ModelProvider provider = providerField(request.providerId());
        String upstream = Input.text(request.upstreamModel());
        BigDecimal input = Input.money(request.inputPrice());
        BigDecimal output = Input.money(request.outputPrice());
        BigDecimal cached = request.cachedInputPrice() == null ? input : Input.money(request.cachedInputPrice());
        Model model = new Model(id, provider, upstream, input, output, cached, request.maxOutputTokens(),
                Instant.now(clock));
        if (request.imageTokens() != null) {
            model.setImageTokens(request.imageTokens());
        }
        em.persist(model);
        ModelView view = ModelView.from(model);
        audit.record(caller.username(), caller.sourceIp(), "model.create", "model", id, null, view);
        changes.fire(new CatalogChanged("model", id));
        return view;
    }

    public ModelView updateModel(String id, @NotNull @Valid UpdateModelRequest request) {
        caller.requireOrgAdmin();
        Model model = model(id);
        ModelView before = ModelView.from(model);
        if (request.providerId() != null) {
            model.setProvider(providerField(request.providerId().orElseThrow()));
        }
        if (request.upstreamModel() != null) {
            model.setUpstreamModel(Input.text(request.upstreamModel().orElseThrow()));
        }
        if (request.inputPrice() != null) {
            model.setInputPrice(Input.money(request.inputPrice().orElseThrow()));
        }
        if (request.outputPrice() != null) {
            model.setOutputPrice(Input.money(request.outputPrice().orElseThrow()));
        }
        if (request.cachedInputPrice() != null) {
            model.setCachedInputPrice(Input.money(request.cachedInputPrice().orElseThrow()));
        }
        if (request.maxOutputTokens() != null) {
            model.setMaxOutputTokens(request.maxOutputTokens().orElseThrow());
        }
        if (request.imageTokens() != null) {
            model.setImageTokens(request.imageTokens().orElseThrow());
        }
        em.flush();
        ModelView after = ModelView.from(model);
        audit.record(caller.username(), caller.sourceIp(), "model.update", "model", id, before, after);
        changes.fire(new CatalogChanged("model", id));
        return after;
    }

    public ModelView getModel(String id) {
        return ModelView.from(model(id));
    }

    public Page<ModelView> listModels(PageRequest page) {
        List<ModelView> items = em.createNamedQuery(Model.ALL, Model.class).setFirstResult(page.offset())
                .setMaxResults(page.size()).getResultList().stream().map(ModelView::from).toList();
        long total = em.createQuery("SELECT COUNT(m) FROM Model m", Long.class).getSingleResult();
        return new Page<>(items, page.page(), page.size(), total);
    }

    public void deleteModel(String id) {
        caller.requireOrgAdmin();
        Model model = model(id);
        ModelView before = ModelView.from(model);
        em.remove(model);
        audit.record(caller.username(), caller.sourceIp(), "model.delete", "model", id, before, null);
        changes.fire(new CatalogChanged("model", id));
    }

    // ----- helpers -----

    private ModelProvider provider(String id) {
        ModelProvider provider = em.find(ModelProvider.class, id);
        if (provider == null) {
            throw new NotFound("provider", id);
        }
        return provider;
    }

    private Model model(String id) {
        Model model = em.find(Model.class, id);
        if (model == null) {
            throw new NotFound("model", id);
        }
        return model;
    }

    /** The provider a valid {@code provider_id} names, if there is one. */
    private ModelProvider providerField(String providerId) {
        String id = Input.text(providerId);
        ModelProvider provider = em.find(ModelProvider.class, id);
        if (provider == null) {
            throw new InvalidInput("provider_id", "'" + id + "' is not a known provider");
        }
        return provider;
    }

    private static ProviderView view(ModelProvider p) {
        return ProviderView.from(p, CredentialRefs.resolve(p.getCredentialRef()).isPresent());
    }

    /**
     * An openai or anthropic provider's base URL, valid as text by the request's constraint: an
     * http(s) URL without query, fragment or credentials, stored without a trailing slash;
     * required for openai, Anthropic's own API when an anthropic provider names none.
     */
    private static String baseUrl(String kind, String value) {
        String url = Input.text(value);
        if (url == null && ModelProvider.ANTHROPIC.equals(kind)) {
            return ANTHROPIC_BASE_URL;
        }
        if (url == null) {
            throw new InvalidInput("base_url", "is required");
        }
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new InvalidInput("base_url", "must be an http(s) URL without query or credentials, e.g. https://api.openai.com/v1");
            }
        } catch (URISyntaxException e) {
            throw new InvalidInput("base_url", "is not a valid URL");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
