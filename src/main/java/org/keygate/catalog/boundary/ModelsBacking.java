package org.keygate.catalog.boundary;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.keygate.platform.boundary.FacesActions;
import org.keygate.platform.boundary.PageRequest;

/**
 * {@code /admin/catalog/models.xhtml}: the model catalogue with prices per 1M input / output /
 * cached-input tokens, read through {@link Catalog} like {@code GET /api/v1/models}. Every logged-in
 * person may read it (a key's {@code allowed_models} refer to it); ORG_ADMIN creates and edits
 * models in the form below the table, through the same service (validated and audited).
 */
@Named
@ViewScoped
public class ModelsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> FIELDS = Map.of("id", "modelForm:id", "provider_id",
            "modelForm:provider", "upstream_model", "modelForm:upstream", "input_price", "modelForm:inputPrice",
            "output_price", "modelForm:outputPrice", "cached_input_price", "modelForm:cachedPrice",
            "max_output_tokens", "modelForm:maxOutput", "image_tokens", "modelForm:imageTokens");

    @Inject
    Catalog catalog;

    private List<ModelView> models;
    private long total;
    private List<ProviderView> providers;
    private String editing;
    private String id;
    private String providerId;
    private String upstreamModel;
    private BigDecimal inputPrice;
    private BigDecimal outputPrice;
    private BigDecimal cachedInputPrice;
    private Integer maxOutputTokens;
    private Integer imageTokens;

    @PostConstruct
    void load() {
        var page = catalog.listModels(new PageRequest(1, PageRequest.MAX_SIZE));
        models = page.items();
        total = page.total();
        providers = catalog.listProviders(new PageRequest(1, PageRequest.MAX_SIZE)).items();
    }

    public void save() {
        ModelView saved = editing == null
                ? FacesActions.run(() -> catalog.createModel(new CreateModelRequest(id, providerId, upstreamModel, inputPrice,
                        outputPrice, cachedInputPrice, maxOutputTokens, imageTokens)), FIELDS)
                : FacesActions.run(() -> catalog.updateModel(editing, new UpdateModelRequest(Optional.ofNullable(providerId),
                        Optional.ofNullable(upstreamModel), Optional.ofNullable(inputPrice),
                        Optional.ofNullable(outputPrice), Optional.ofNullable(cachedInputPrice),
                        Optional.ofNullable(maxOutputTokens), Optional.ofNullable(imageTokens))), FIELDS);
        if (saved != null) {
            FacesActions.info("Model " + saved.id() + (editing == null ? " created." : " saved.")
                    + " The gateway uses it from the next request.");
            clear();
            load();
        }
    }

    public void edit(ModelView m) {
        editing = m.id();
        id = m.id();
        providerId = m.providerId();
        upstreamModel = m.upstreamModel();
        inputPrice = m.inputPrice();
        outputPrice = m.outputPrice();
        cachedInputPrice = m.cachedInputPrice();
        maxOutputTokens = m.maxOutputTokens();
        imageTokens = m.imageTokens();
    }

    public void clear() {
        editing = null;
        id = null;
        providerId = null;
        upstreamModel = null;
        inputPrice = null;
        outputPrice = null;
        cachedInputPrice = null;
        maxOutputTokens = null;
        imageTokens = null;
    }

    public List<ModelView> getModels() {
        return models;
    }

    public long getTotal() {
        return total;
    }

    public List<ProviderView> getProviders() {
        return providers;
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

    public String getProviderId() {
        return providerId;
    }

    public void setProviderId(String providerId) {
        this.providerId = providerId;
    }

    public String getUpstreamModel() {
        return upstreamModel;
    }

    public void setUpstreamModel(String upstreamModel) {
        this.upstreamModel = upstreamModel;
    }

    public BigDecimal getInputPrice() {
        return inputPrice;
    }

    public void setInputPrice(BigDecimal inputPrice) {
        this.inputPrice = inputPrice;
    }

    public BigDecimal getOutputPrice() {
        return outputPrice;
    }

    public void setOutputPrice(BigDecimal outputPrice) {
        this.outputPrice = outputPrice;
    }

    public BigDecimal getCachedInputPrice() {
        return cachedInputPrice;
    }

    public void setCachedInputPrice(BigDecimal cachedInputPrice) {
        this.cachedInputPrice = cachedInputPrice;
    }

    public Integer getMaxOutputTokens() {
        return maxOutputTokens;
    }

    public Integer getImageTokens() {
        return imageTokens;
    }

    public void setImageTokens(Integer imageTokens) {
        this.imageTokens = imageTokens;
    }

    public void setMaxOutputTokens(Integer maxOutputTokens) {
        this.maxOutputTokens = maxOutputTokens;
    }
}
