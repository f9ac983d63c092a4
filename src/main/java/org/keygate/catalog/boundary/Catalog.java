package org.keygate.catalog.boundary;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.keygate.access.boundary.Caller;
import org.keygate.audit.boundary.AuditLog;
import org.keygate.catalog.control.CredentialRefs;
import org.keygate.catalog.control.ModelPatterns;
import org.keygate.catalog.entity.Model;
import org.keygate.catalog.entity.ModelProvider;
import org.keygate.platform.boundary.Page;
import org.keygate.platform.boundary.PageRequest;
import org.keygate.platform.control.Check;
import org.keygate.platform.control.Conflict;
import org.keygate.platform.control.InvalidInput;
import org.keygate.platform.control.NotFound;

/**
 * The model catalogue of SPEC §4: every authenticated member reads it (keys name models from it),
 * only ORG_ADMIN changes it. Every change is audited and announced with {@link CatalogChanged} so
 * the gateway's in-memory routing table follows at once.
 */
@Stateless
public class Catalog {

    static final Pattern PROVIDER_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final int MAX_OUTPUT_TOKENS = 10_000_000;
    static final String OPENAI = "openai";

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

    public ProviderView createProvider(CreateProviderRequest request) {
        caller.requireOrgAdmin();
        String id = Check.required("id", request.id(), 64);
        if (!PROVIDER_ID.matcher(id).matches()) {
            throw new InvalidInput("id", "must be lower case letters, digits, '.', '_' or '-' (at most 64), e.g. openai");
        }
        if (em.find(ModelProvider.class, id) != null) {
            throw new Conflict("provider_exists", "id", "a provider '" + id + "' already exists");
        }
        String kind = request.kind() == null ? OPENAI : request.kind();
        if (!OPENAI.equals(kind) && !ModelProvider.DEMO.equals(kind)) {
            throw new InvalidInput("kind", "must be openai (any OpenAI-compatible endpoint) or demo");
        }
        String name = Check.required("name", request.name() == null ? id : request.name(), 200);
        String baseUrl = OPENAI.equals(kind) ? baseUrl(request.baseUrl())
                : Check.optional("base_url", request.baseUrl(), 1000);
        if (ModelProvider.DEMO.equals(kind) && baseUrl != null) {
            throw new InvalidInput("base_url", "a demo provider answers locally and takes no base_url");
        }
        ModelProvider provider = new ModelProvider(id, name, kind, baseUrl, credentialRef(request.credentialRef()),
                Instant.now(clock));
        em.persist(provider);
        ProviderView view = view(provider);
        audit.record(caller.username(), caller.sourceIp(), "provider.create", "provider", id, null, view);
        changes.fire(new CatalogChanged("provider", id));
        return view;
    }

    public ProviderView updateProvider(String id, UpdateProviderRequest request) {
        caller.requireOrgAdmin();
        ModelProvider provider = provider(id);
        ProviderView before = view(provider);
        if (request.name() != null) {
            provider.setName(Check.required("name", request.name().orElse(null), 200));
        }
        if (request.baseUrl() != null) {
            if (provider.isDemo()) {
                throw new InvalidInput("base_url", "a demo provider answers locally and takes no base_url");
            }
            provider.setBaseUrl(baseUrl(request.baseUrl().orElse(null)));
        }
        if (request.credentialRef() != null) {
            provider.setCredentialRef(credentialRef(request.credentialRef().orElse(null)));
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

    public ModelView createModel(CreateModelRequest request) {
        caller.requireOrgAdmin();
        String id = Check.required("id", request.id(), 200);
        if (!ModelPatterns.isModelId(id)) {
            throw new InvalidInput("id", "must look like provider/model-name, e.g. openai/gpt-4o-mini");
        }
        if (em.find(Model.class, id) != null) {
            throw new Conflict("model_exists", "id", "a model '" + id + "' already exists");
        }
        ModelProvider provider = providerField(request.providerId());
        String upstream = Check.required("upstream_model", request.upstreamModel(), 200);
        BigDecimal input = price("input_price", request.inputPrice());
        BigDecimal output = price("output_price", request.outputPrice());
        BigDecimal cached = request.cachedInputPrice() == null ? input : price("cached_input_price", request.cachedInputPrice());
        Model model = new Model(id, provider, upstream, input, output, cached, maxOutput(request.maxOutputTokens()),
                Instant.now(clock));
        em.persist(model);
        ModelView view = ModelView.from(model);
        audit.record(caller.username(), caller.sourceIp(), "model.create", "model", id, null, view);
        changes.fire(new CatalogChanged("model", id));
        return view;
    }

    public ModelView updateModel(String id, UpdateModelRequest request) {
        caller.requireOrgAdmin();
        Model model = model(id);
        ModelView before = ModelView.from(model);
        if (request.providerId() != null) {
            model.setProvider(providerField(request.providerId().orElse(null)));
        }
        if (request.upstreamModel() != null) {
            model.setUpstreamModel(Check.required("upstream_model", request.upstreamModel().orElse(null), 200));
        }
        if (request.inputPrice() != null) {
            model.setInputPrice(price("input_price", request.inputPrice().orElse(null)));
        }
        if (request.outputPrice() != null) {
            model.setOutputPrice(price("output_price", request.outputPrice().orElse(null)));
        }
        if (request.cachedInputPrice() != null) {
            model.setCachedInputPrice(price("cached_input_price", request.cachedInputPrice().orElse(null)));
        }
        if (request.maxOutputTokens() != null) {
            model.setMaxOutputTokens(maxOutput(request.maxOutputTokens().orElse(null)));
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

    private ModelProvider providerField(String providerId) {
        String id = Check.required("provider_id", providerId, 64);
        ModelProvider provider = em.find(ModelProvider.class, id);
        if (provider == null) {
            throw new InvalidInput("provider_id", "'" + id + "' is not a known provider");
        }
        return provider;
    }

    private static ProviderView view(ModelProvider p) {
        return ProviderView.from(p, CredentialRefs.resolve(p.getCredentialRef()).isPresent());
    }

    private static String baseUrl(String value) {
        String url = Check.required("base_url", value, 1000);
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

    private static String credentialRef(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String ref = value.strip();
        if (!CredentialRefs.isValid(ref)) {
            throw new InvalidInput("credential_ref", "must name a configuration property or environment variable "
                    + "(letters, digits, '.', '_', '-'), e.g. OPENAI_API_KEY; never the secret itself");
        }
        if (ref.startsWith("ck-") || ref.startsWith("sk-")) {
            throw new InvalidInput("credential_ref", "looks like a secret; give the name of the property that holds it");
        }
        return ref;
    }

    private static BigDecimal price(String field, BigDecimal value) {
        if (value == null) {
            throw new InvalidInput(field, "is required");
        }
        BigDecimal money = Check.money(field, value);
        if (money.signum() < 0) {
            throw new InvalidInput(field, "must not be negative");
        }
        return money;
    }

    private static int maxOutput(Integer value) {
        if (value == null) {
            throw new InvalidInput("max_output_tokens", "is required");
        }
        return Check.positive("max_output_tokens", value, MAX_OUTPUT_TOKENS);
    }
}
