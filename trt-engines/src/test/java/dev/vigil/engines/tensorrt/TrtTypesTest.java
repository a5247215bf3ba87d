package dev.vigil.engines.tensorrt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engines.DType;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bytedeco.tensorrt.global.nvinfer.DataType;
import org.junit.jupiter.api.Test;

/** TensorRT's element types against Vigil's, with the bindings' Java enum (no natives needed). */
class TrtTypesTest {

  @Test
  void everyTypeVigilsTensorsCarryMapsAndTheRestAreNamed() {
    Map<String, Optional<DType>> mapped = Arrays.stream(DataType.values())
        .collect(Collectors.toMap(DataType::name, TrtTypes::dtype));

    assertThat(mapped).containsOnly(
        Map.entry("kFLOAT", Optional.of(DType.FLOAT32)),
        Map.entry("kHALF", Optional.of(DType.FLOAT16)),
        Map.entry("kINT8", Optional.of(DType.INT8)),
        Map.entry("kINT32", Optional.of(DType.INT32)),
        Map.entry("kINT64", Optional.of(DType.INT64)),
        Map.entry("kUINT8", Optional.of(DType.UINT8)),
        Map.entry("kBOOL", Optional.of(DType.BOOL)),
        Map.entry("kFP8", Optional.empty()),
        Map.entry("kBF16", Optional.empty()),
        Map.entry("kINT4", Optional.empty()));
    // What an engine's error says of a tensor it cannot carry.
    assertThat(String.valueOf(DataType.kBF16.intern())).isEqualTo("kBF16");
  }
}
