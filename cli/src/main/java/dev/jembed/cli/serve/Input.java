package dev.jembed.cli.serve;

import java.util.ArrayList;
import java.util.List;

/**
 * One input of an embedding request: a text, or token ids of the served model's vocabulary (the
 * OpenAI API's integer arrays; TEI uses them as they are, without adding special tokens).
 */
record Input(String text, int[] ids) {

    /**
     * The inputs of field {@code field}: a string, an array of strings, an array of token ids, or an
     * array of token id arrays.
     */
    static List<Input> parse(Object value, String field) {
        if (value == null) throw ApiException.badRequest("missing field `" + field + "`");
        if (value instanceof String s) return List.of(new Input(s, null));
        if (!(value instanceof List<?> list)) {
            throw ApiException.badRequest(
                    "`" + field + "` must be a string, an array of strings or an array of token ids");
        }
        if (!list.isEmpty() && list.stream().allMatch(v -> v instanceof Long))
            return List.of(new Input(null, ids(list, field)));
        List<Input> inputs = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object v = list.get(i);
            if (v instanceof String s) inputs.add(new Input(s, null));
            else if (v instanceof List<?> ids) inputs.add(new Input(null, ids(ids, field + "[" + i + "]")));
            else throw ApiException.badRequest("`" + field + "[" + i + "]` must be a string or an array of token ids");
        }
        return inputs;
    }

    private static int[] ids(List<?> list, String field) {
        int[] ids = new int[list.size()];
        for (int i = 0; i < ids.length; i++) {
            if (!(list.get(i) instanceof Long l) || l < 0 || l > Integer.MAX_VALUE) {
                throw ApiException.badRequest("`" + field + "[" + i + "]` must be a token id (a non-negative integer)");
            }
            ids[i] = (int) (long) l;
        }
        return ids;
    }
}
