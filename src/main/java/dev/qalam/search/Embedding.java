package dev.qalam.search;

import java.util.Objects;

/**
 * A vector and the model that made it. The index compares a query only with chunks embedded by the same
 * model (vectors of different models, even of the same length, are not comparable), so changing the
 * embedding model never mixes spaces: chunks of the old model stay findable by their words until they
 * are re-embedded.
 *
 * @param model the embedding model's id, as the router names it (e.g. {@code deep-sa/alEmbedding})
 * @param vector the vector; need not be normalised (the index compares by cosine)
 */
public record Embedding(String model, float[] vector) {

    public Embedding {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(vector, "vector");
        if (model.isBlank()) {
            throw new IllegalArgumentException("the embedding model is blank");
        }
        if (vector.length == 0 || vector.length > IndexFields.MAX_DIMENSIONS) {
            throw new IllegalArgumentException("a vector has 1 to " + IndexFields.MAX_DIMENSIONS + " dimensions, got "
                    + vector.length);
        }
        boolean zero = true;
        for (float f : vector) {
            if (!Float.isFinite(f)) {
                throw new IllegalArgumentException("a vector holds a value that is not finite");
            }
            zero &= f == 0f;
        }
        if (zero) {
            throw new IllegalArgumentException("a zero vector has no direction to compare by cosine");
        }
    }

    public int dimensions() {
        return vector.length;
    }
}
