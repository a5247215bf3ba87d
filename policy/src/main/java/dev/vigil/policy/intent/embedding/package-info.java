/**
 * Sentence embeddings on the engine SPI: HuggingFace's tokenizer (DJL's binding) configured by the
 * model's {@code tokenizer.json}, and a MiniLM-style encoder that mean-pools the model's token vectors
 * over the attention mask and L2-normalises them, so the dot product of two embeddings is their cosine.
 */
package dev.vigil.policy.intent.embedding;
