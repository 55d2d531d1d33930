package dev.warmtransfer.speech.audio;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** RIFF/WAVE, 16-bit PCM: what Whisper takes and what espeak-ng and pocketsphinx speak. */
public final class Wav {
  private Wav() {}

  public static byte[] encode(PcmAudio audio) {
    int dataLen = audio.samples().length * 2;
    ByteBuffer b = ByteBuffer.allocate(44 + dataLen).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + dataLen).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1);
    b.putInt(audio.sampleRate()).putInt(audio.sampleRate() * 2).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes()).putInt(dataLen);
    b.put(Pcm.toBytes(audio.samples()));
    return b.array();
  }

  /** The format header of a WAV stream, read up to the start of the sample data. */
  public record Header(int sampleRate, int channels, int bitsPerSample) {}

  /**
   * Reads chunks up to "data" and leaves the stream at the first sample, so the caller can keep
   * reading samples as they are produced (espeak-ng writes the length fields only at the end).
   */
  public static Header readHeader(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    byte[] id = new byte[4];
    d.readFully(id);
    if (!"RIFF".equals(new String(id))) {
      throw new IOException("not a RIFF file");
    }
    d.readFully(new byte[4]);
    d.readFully(id);
    if (!"WAVE".equals(new String(id))) {
      throw new IOException("not a WAVE file");
    }
    Header header = null;
    while (true) {
      d.readFully(id);
      int len = Integer.reverseBytes(d.readInt());
      String chunk = new String(id);
      if (chunk.equals("fmt ")) {
        byte[] fmt = new byte[len];
        d.readFully(fmt);
        ByteBuffer f = ByteBuffer.wrap(fmt).order(ByteOrder.LITTLE_ENDIAN);
        int format = f.getShort() & 0xffff;
        int channels = f.getShort() & 0xffff;
        int rate = f.getInt();
        f.getInt();
        f.getShort();
        int bits = f.getShort() & 0xffff;
        if (format != 1 || bits != 16) {
          throw new IOException("only 16-bit PCM WAV is supported (format " + format + ", " + bits + " bits)");
        }
        header = new Header(rate, channels, bits);
      } else if (chunk.equals("data")) {
        if (header == null) {
          throw new IOException("data chunk before fmt chunk");
        }
        return header;
      } else {
        d.readFully(new byte[len + (len & 1)]);
      }
    }
  }

  /** A whole WAV file as mono PCM (channels are averaged). */
  public static PcmAudio decode(InputStream in) throws IOException {
    Header h = readHeader(in);
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    in.transferTo(data);
    short[] all = Pcm.toShorts(data.toByteArray());
    if (h.channels() == 1) {
      return new PcmAudio(all, h.sampleRate());
    }
    short[] mono = new short[all.length / h.channels()];
    for (int i = 0; i < mono.length; i++) {
      int sum = 0;
      for (int c = 0; c < h.channels(); c++) {
        sum += all[i * h.channels() + c];
      }
      mono[i] = (short) (sum / h.channels());
    }
    return new PcmAudio(mono, h.sampleRate());
  }
}
