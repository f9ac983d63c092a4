package org.keygate.gateway.control;

/**
 * Rewrites the {@code "model"} value of an upstream answer (or one stream chunk) from the
 * upstream's name to the catalogue id the client asked for, leaving every other byte as it came.
 * Only an unescaped top-level-looking {@code "model"} key whose value is exactly the upstream
 * name is touched; text inside message content is JSON-escaped and cannot match.
 */
public final class ModelField {

    private ModelField() {
    }

    public static String rewrite(String json, String upstreamModel, String catalogId) {
        if (upstreamModel.equals(catalogId)) {
            return json;
        }
        int from = 0;
        while (true) {
            int key = json.indexOf("\"model\"", from);
            if (key < 0) {
                return json;
            }
            from = key + 7;
            if (key > 0 && json.charAt(key - 1) == '\\') {
                continue;
            }
            int i = skipBlanks(json, key + 7);
            if (i >= json.length() || json.charAt(i) != ':') {
                continue;
            }
            i = skipBlanks(json, i + 1);
            if (i < json.length() && json.charAt(i) == '"' && json.startsWith(upstreamModel, i + 1)
                    && i + 1 + upstreamModel.length() < json.length()
                    && json.charAt(i + 1 + upstreamModel.length()) == '"') {
                StringBuilder out = new StringBuilder(json.length() + catalogId.length());
                out.append(json, 0, i);
                JsonText.quote(out, catalogId);
                out.append(json, i + 2 + upstreamModel.length(), json.length());
                return out.toString();
            }
        }
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
            i++;
        }
        return i;
    }
}
