package org.keygate.catalog.entity;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Version;

/** A catalogue entry: public model id → provider, upstream model name and USD prices per 1M tokens. */
@Entity
@NamedQuery(name = Model.ALL, query = "SELECT m FROM Model m ORDER BY m.id")
@NamedQuery(name = Model.COUNT_BY_PROVIDER, query = "SELECT COUNT(m) FROM Model m WHERE m.provider.id = :providerId")
public class Model {

    public static final String ALL = "Model.all";
    /**
     * A new model's tokens per image: above what the models of the day bill for one image at the
     * most detail (OpenAI's tiles ~1,500 and patches ~2,500, Anthropic's ~1,600).
     */
    public static final int DEFAULT_IMAGE_TOKENS = 2500;
    public static final String COUNT_BY_PROVIDER = "Model.countByProvider";


    @Id
    private String id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "provider_id")
    private ModelProvider provider;
    @Column(name = "upstream_model")
    private String upstreamModel;
    @Column(name = "input_price")
    private BigDecimal inputPrice;
    @Column(name = "output_price")
    private BigDecimal outputPrice;
    @Column(name = "cached_input_price")
    private BigDecimal cachedInputPrice;
    @Column(name = "max_output_tokens")
    private int maxOutputTokens;
    /** The most input tokens one image can cost (the reservation's count per image part). */
    @Column(name = "image_tokens")
    private int imageTokens = DEFAULT_IMAGE_TOKENS;
    @Column(name = "created_at")
    private Instant createdAt;
    @Version
    private long version;

    protected Model() {
    }

    public Model(String id, ModelProvider provider, String upstreamModel, BigDecimal inputPrice, BigDecimal outputPrice,
            BigDecimal cachedInputPrice, int maxOutputTokens, Instant createdAt) {
        this.id = id;
        this.provider = provider;
        this.upstreamModel = upstreamModel;
        this.inputPrice = inputPrice;
        this.outputPrice = outputPrice;
        this.cachedInputPrice = cachedInputPrice;
        this.maxOutputTokens = maxOutputTokens;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public ModelProvider getProvider() {
        return provider;
    }

    public String getUpstreamModel() {
        return upstreamModel;
    }

    public BigDecimal getInputPrice() {
        return inputPrice;
    }

    public BigDecimal getOutputPrice() {
        return outputPrice;
    }

    public BigDecimal getCachedInputPrice() {
        return cachedInputPrice;
    }

    public int getMaxOutputTokens() {
        return maxOutputTokens;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setProvider(ModelProvider provider) {
        this.provider = provider;
    }

    public void setUpstreamModel(String upstreamModel) {
        this.upstreamModel = upstreamModel;
    }

    public void setInputPrice(BigDecimal inputPrice) {
        this.inputPrice = inputPrice;
    }

    public void setOutputPrice(BigDecimal outputPrice) {
        this.outputPrice = outputPrice;
    }

    public void setCachedInputPrice(BigDecimal cachedInputPrice) {
        this.cachedInputPrice = cachedInputPrice;
    }

    public int getImageTokens() {
        return imageTokens;
    }

    public void setImageTokens(int imageTokens) {
        this.imageTokens = imageTokens;
    }

    public void setMaxOutputTokens(int maxOutputTokens) {
        this.maxOutputTokens = maxOutputTokens;
    }
}
