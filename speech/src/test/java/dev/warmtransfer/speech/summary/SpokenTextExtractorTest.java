package dev.warmtransfer.speech.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpokenTextExtractorTest {
  @Test
  void sentencesComeOutAsSoonAsTheyAreCompleteWhateverTheChunking() {
    String json = "{\"spoken\": \"Caller disputes a $99.99 charge. Account 1 2 3. She said \\\"now\\\".\", \"summary\": \"x. y.\"}";
    for (int size = 1; size <= 9; size++) {
      List<String> out = new ArrayList<>();
      List<Integer> at = new ArrayList<>();
      SpokenTextExtractor ex = new SpokenTextExtractor(s -> out.add(s));
      for (int i = 0; i < json.length(); i += size) {
        ex.feed(json.substring(i, Math.min(json.length(), i + size)));
        at.add(out.size());
      }
      ex.finish();
      assertThat(out).containsExactly("Caller disputes a $99.99 charge.", "Account 1 2 3.", "She said \"now\".");
      // The first sentence was out before the stream reached the summary key.
      int summaryChunk = json.indexOf("\"summary\"") / size;
      assertThat(at.get(summaryChunk)).isGreaterThanOrEqualTo(2);
    }
  }
}
