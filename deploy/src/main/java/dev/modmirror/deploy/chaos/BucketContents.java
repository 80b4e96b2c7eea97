package dev.modmirror.deploy.chaos;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Every object of one bucket, by key, and the text of every {@code @v/list}, by module key prefix
 * ({@code <escaped module>/@v/}). A snapshot: read once after the run settled.
 */
record BucketContents(String name, Map<String, StoredObject> objects, Map<String, String> lists) {
  BucketContents {
    Objects.requireNonNull(name, "name");
    objects = new TreeMap<>(objects);
    lists = new TreeMap<>(lists);
  }
}
