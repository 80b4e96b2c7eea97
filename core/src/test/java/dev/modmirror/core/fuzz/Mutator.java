package dev.modmirror.core.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Derives hostile inputs from valid ones, deterministically: the same seed always gives the same
 * sequence of inputs. Text mutations insert, replace and delete grammar fragments, flip characters,
 * duplicate spans and splice donors; byte mutations flip bits, write boundary values (0, -1,
 * 0x7fffffff as 16- and 32-bit little-endian fields), insert, delete, duplicate and truncate.
 */
public final class Mutator {
  private static final int[] BOUNDARY_INTS = {0, 1, -1, 0x7f, 0x80, 0xff, 0xffff, 0x7fffffff};
  private final Random random;

  /** A mutator whose choices follow from {@code seed} alone. */
  public Mutator(long seed) {
    // Neighbouring seeds give correlated first draws in java.util.Random: spread them first.
    long z = seed * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    this.random = new Random(z ^ (z >>> 31));
  }

  /** A number in {@code [0, bound)}; 0 when {@code bound <= 0}. */
  public int below(int bound) {
    return bound <= 0 ? 0 : random.nextInt(bound);
  }

  /** One element of {@code choices}, uniformly. */
  public <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  /**
   * Arbitrary text up to {@code maxLength} chars: ASCII, controls, any UTF-16 unit (lone halves).
   */
  public String text(int maxLength) {
    int length = below(maxLength + 1);
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(
          switch (random.nextInt(4)) {
            case 0 -> (char) (0x20 + random.nextInt(0x5f));
            case 1 -> (char) random.nextInt(0x20);
            case 2 -> (char) (0x80 + random.nextInt(0x800));
            default -> (char) random.nextInt(0x10000);
          });
    }
    return out.toString();
  }

  /** Arbitrary bytes, up to {@code maxLength}. */
  public byte[] bytes(int maxLength) {
    byte[] out = new byte[below(maxLength + 1)];
    random.nextBytes(out);
    return out;
  }

  /** Up to {@code maxPieces} fragments and short runs of {@code alphabet}, concatenated. */
  public String soup(List<String> fragments, String alphabet, int maxPieces) {
    StringBuilder out = new StringBuilder();
    int pieces = below(maxPieces + 1);
    for (int i = 0; i < pieces; i++) {
      if (random.nextBoolean()) {
        out.append(pick(fragments));
      } else {
        int n = below(13);
        for (int j = 0; j < n; j++) {
          out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
    }
    return out.toString();
  }

  /**
   * Applies 1 to {@code maxOps} text mutations to {@code seed}, using {@code fragments} for
   * insertions and {@code donors} (e.g. other corpus files) for splices.
   */
  public String mutate(String seed, List<String> fragments, List<String> donors, int maxOps) {
    StringBuilder text = new StringBuilder(seed);
    int ops = 1 + below(maxOps);
    for (int i = 0; i < ops; i++) {
      int at = below(text.length() + 1);
      int end = Math.min(text.length(), at + 1 + below(8));
      switch (random.nextInt(7)) {
        case 0 -> text.insert(at, pick(fragments));
        case 1 -> text.delete(at, end);
        case 2 -> text.replace(at, end, pick(fragments));
        case 3 -> text.replace(at, Math.min(text.length(), at + 1), text(1));
        case 4 -> text.insert(at, text.substring(at, end));
        case 5 -> {
          String donor = pick(donors);
          text.setLength(at);
          text.append(donor, below(donor.length() + 1), donor.length());
        }
        default -> text.setLength(at);
      }
    }
    return text.toString();
  }

  /** Applies 1 to {@code maxOps} byte mutations to a copy of {@code seed}. */
  public byte[] mutate(byte[] seed, int maxOps) {
    byte[] data = seed.clone();
    int ops = 1 + below(maxOps);
    for (int i = 0; i < ops; i++) {
      data = mutateOnce(data);
    }
    return data;
  }

  private byte[] mutateOnce(byte[] data) {
    int at = below(data.length);
    switch (random.nextInt(8)) {
      case 0 -> {
        if (data.length > 0) {
          data[at] ^= (byte) (1 << random.nextInt(8));
        }
        return data;
      }
      case 1 -> {
        return writeLittleEndian(data, at, 1);
      }
      case 2 -> {
        return writeLittleEndian(data, at, 2);
      }
      case 3 -> {
        return writeLittleEndian(data, at, 4);
      }
      case 4 -> {
        return splice(data, at, 0, bytes(8));
      }
      case 5 -> {
        return splice(data, at, Math.min(data.length - at, 1 + below(16)), new byte[0]);
      }
      case 6 -> {
        int end = Math.min(data.length, at + 1 + below(64));
        return splice(data, at, 0, Arrays.copyOfRange(data, at, end));
      }
      default -> {
        return Arrays.copyOf(data, at);
      }
    }
  }

  private byte[] writeLittleEndian(byte[] data, int at, int width) {
    int value = BOUNDARY_INTS[random.nextInt(BOUNDARY_INTS.length)];
    if (random.nextBoolean()) {
      value += random.nextInt(3) - 1;
    }
    for (int k = 0; k < width && at + k < data.length; k++) {
      data[at + k] = (byte) (value >>> (8 * k));
    }
    return data;
  }

  private static byte[] splice(byte[] data, int at, int removed, byte[] inserted) {
    byte[] out = new byte[data.length - removed + inserted.length];
    System.arraycopy(data, 0, out, 0, at);
    System.arraycopy(inserted, 0, out, at, inserted.length);
    System.arraycopy(data, at + removed, out, at + inserted.length, data.length - at - removed);
    return out;
  }
}
