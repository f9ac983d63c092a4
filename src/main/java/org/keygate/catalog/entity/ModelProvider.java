package org.keygate.catalog.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * An upstream endpoint: kind {@code openai} (any OpenAI-compatible API) or {@code anthropic}
 * (Anthropic's Messages API). The credential is a reference to configuration (an environment
 * variable or MicroProfile Config name), never the secret itself. Kind {@code demo} answers
 * locally without network (README.md).
 */
@Entity
@Table(name = "provider")
@NamedQuery(name = ModelProvider.ALL, query = "SELECT p FROM ModelProvider p ORDER BY p.id")
public class ModelProvider {

    public static final String ALL = "ModelProvider.all";

    public static final String DEMO = "demo";
    public static final String OPENAI = "openai";
    public static final String ANTHROPIC = "anthropic";

    @Id
    private String id;
    private String name;
    private String kind;
    @Column(name = "base_url")
    private String baseUrl;
    @Column(name = "credential_ref")
    private String credentialRef;
    @Column(name = "created_at")
    private Instant createdAt;
    @Version
    private long version;

    protected ModelProvider() {
    }

    public ModelProvider(String id, String name, String kind, String baseUrl, String credentialRef, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.kind = kind;
        this.baseUrl = baseUrl;
        this.credentialRef = credentialRef;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getKind() {
        return kind;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public String getCredentialRef() {
        return credentialRef;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setName(String name) {
        this.name = name;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public void setCredentialRef(String credentialRef) {
        this.credentialRef = credentialRef;
    }

    public boolean isDemo() {
        return DEMO.equals(kind);
    }
}
