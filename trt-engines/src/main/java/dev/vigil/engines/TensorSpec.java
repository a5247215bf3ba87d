package dev.vigil.engines;

import java.util.Arrays;

/** What an engine takes or gives under one name; -1 marks a dimension fixed only at run time. */
public record TensorSpec(String name, DType dtype, long[] shape) {

    @Override
    public String toString() {
        return name + ":" + dtype + Arrays.toString(shape);
    }
}
