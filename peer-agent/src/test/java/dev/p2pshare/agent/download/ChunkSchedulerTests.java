package dev.p2pshare.agent.download;

import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkSchedulerTests {

	private static final long BAN = 1_000;

	private final Source a = new Source("a", "10.0.0.1", 1);

	private final Source b = new Source("b", "10.0.0.2", 1);

	private final Source c = new Source("c", "10.0.0.3", 1);

	@Test
	void theRarestChunkComesFirst() {
		ChunkScheduler scheduler = scheduler(3, 10, 10, new Random(1));
		scheduler.updateSources(holdings(this.a, bits(0, 1, 2), this.b, bits(0, 1), this.c, bits(0)));
		assertThat(take(scheduler)).as("a is the only holder: a seed may send another chunk instead")
			.isEqualTo(new Assignment(this.a, 2, false, true));
		Assignment second = take(scheduler);
		assertThat(second.chunkIndex()).isEqualTo(1);
		assertThat(second.spread()).as("two holders: exactly this chunk").isFalse();
		assertThat(take(scheduler).chunkIndex()).isZero();
	}

	@Test
	void aSeedsFirstCopySentInsteadOfTheChunkAskedCountsAsThatChunk() {
		ChunkScheduler scheduler = scheduler(3, 10, 10, new Random(8));
		scheduler.updateSources(holdings(this.a, bits(0, 1, 2)));
		Assignment asked = take(scheduler);
		int other = (asked.chunkIndex() + 1) % 3;
		assertThat(scheduler.completed(asked, other)).isTrue();
		scheduler.stored(other);
		assertThat(scheduler.haveCount()).isOne();
		Assignment again = take(scheduler);
		List<Integer> next = List.of(again.chunkIndex(), take(scheduler).chunkIndex());
		assertThat(next).as("the chunk asked is still wanted, the one sent is not")
			.containsExactlyInAnyOrder(asked.chunkIndex(), 3 - asked.chunkIndex() - other);
		assertThat(scheduler.completed(again, other)).as("a chunk already held brings nothing new").isFalse();
	}

	@Test
	void aSourceThatChoseAChunkAlreadyHereIsNoLongerLetChoose() {
		ChunkScheduler scheduler = new ChunkScheduler(4, bits(0), 10, 10, 3, BAN, new Random(3));
		scheduler.updateSources(holdings(this.a, bits(0, 1, 2, 3)));
		Assignment asked = take(scheduler);
		assertThat(asked.spread()).as("the only holder may choose").isTrue();
		assertThat(scheduler.completed(asked, 0)).as("it sent chunk 0, which is already here").isFalse();
		Assignment next = take(scheduler);
		assertThat(next.spread()).as("asked for exactly the chunk from now on").isFalse();
		assertThat(List.of(asked.chunkIndex(), next.chunkIndex())).doesNotHaveDuplicates().doesNotContain(0);
	}

	@Test
	void aSourceThatRefusesToChooseIsAskedPlainlyAndNotCountedAsFailing() {
		ChunkScheduler scheduler = new ChunkScheduler(2, new BitSet(), 10, 10, 1, BAN, new Random(4));
		scheduler.updateSources(holdings(this.a, bits(0, 1)));
		Assignment asked = take(scheduler);
		assertThat(asked.spread()).isTrue();
		scheduler.spreadRefused(asked);
		assertThat(scheduler.usableSources(0)).as("one failure would ban it here; this is none").isOne();
		Assignment again = take(scheduler);
		assertThat(again.spread()).isFalse();
		assertThat(take(scheduler).spread()).isFalse();
	}

	@Test
	void equallyRareChunksArePickedAtRandomSoLeechesSpreadOut() {
		Set<Integer> firstPicks = new HashSet<>();
		for (long seed = 0; seed < 50; seed++) {
			ChunkScheduler scheduler = scheduler(8, 10, 10, new Random(new SplittableRandom(seed).nextLong()));
			scheduler.updateSources(holdings(this.a, bits(0, 1, 2, 3, 4, 5, 6, 7)));
			firstPicks.add(take(scheduler).chunkIndex());
		}
		assertThat(firstPicks).hasSizeGreaterThan(4);
	}

	@Test
	void aFileFillsFromTheFrontSoItsWholeHashCanBeComputedAsItArrives() {
		BitSet all = new BitSet();
		all.set(0, 100);
		for (long seed = 0; seed < 20; seed++) {
			ChunkScheduler scheduler = scheduler(100, 4, 4, new Random(seed));
			scheduler.updateSources(holdings(this.a, all));
			for (int i = 0; i < 4; i++) {
				assertThat(take(scheduler).chunkIndex()).isLessThan(ChunkScheduler.WINDOW + i);
			}
		}
	}

	@Test
	void aPeerIsAskedForAtMostItsShareAtOnce() {
		ChunkScheduler scheduler = scheduler(10, 16, 2, new Random(2));
		scheduler.updateSources(holdings(this.a, bits(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)));
		take(scheduler);
		take(scheduler);
		assertThat(scheduler.next(0)).isEmpty();
		assertThat(scheduler.inFlightCount()).isEqualTo(2);
	}

	@Test
	void aStreamAsksItsOwnPeerAgainThoughThePeerCarriesItsShareOfStreams() {
		ChunkScheduler scheduler = scheduler(10, 16, 2, new Random(2));
		scheduler.updateSources(holdings(this.a, bits(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)));
		Assignment first = take(scheduler);
		take(scheduler);
		assertThat(scheduler.next(0)).as("no third stream").isEmpty();

		Optional<Assignment> behind = scheduler.next(0, this.a);

		assertThat(behind).map(Assignment::source).contains(this.a);
		assertThat(behind.get().chunkIndex()).isNotEqualTo(first.chunkIndex());
		assertThat(scheduler.inFlightCount()).isEqualTo(3);
	}

	@Test
	void aStreamThatEndsLeavesRoomForANewOne() {
		ChunkScheduler scheduler = scheduler(10, 16, 1, new Random(2));
		scheduler.updateSources(holdings(this.a, bits(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)));
		Assignment first = take(scheduler);
		scheduler.completed(first, first.chunkIndex());
		assertThat(scheduler.next(0)).as("the stream goes on").isEmpty();

		scheduler.streamEnded(this.a);

		assertThat(scheduler.next(0)).map(Assignment::source).contains(this.a);
	}

	@Test
	void aStreamsNextChunkGoesToAnotherPeerWhenThatOneShouldSendIt() {
		ChunkScheduler scheduler = scheduler(2, 16, 1, new Random(6));
		// b holds part of the file and is asked before a, which holds it all
		scheduler.updateSources(holdings(this.a, bits(0, 1), this.b, bits(1)));
		Assignment fromA = take(scheduler);
		assertThat(fromA).as("only a holds chunk 0").isEqualTo(new Assignment(this.a, 0, false, true));

		Optional<Assignment> next = scheduler.next(0, this.a);

		assertThat(next).map(Assignment::source).contains(this.b);
		assertThat(next.get().chunkIndex()).isOne();
		assertThat(scheduler.next(0)).as("each peer carries its one stream").isEmpty();
	}

	@Test
	void aChunkAskedBehindAFailedOneIsDroppedWithoutCountingAsASecondFailure() {
		ChunkScheduler scheduler = new ChunkScheduler(4, new BitSet(), 16, 1, 2, BAN, new Random(7));
		scheduler.updateSources(holdings(this.a, bits(0, 1, 2, 3)));
		Assignment arriving = take(scheduler);
		Assignment behind = scheduler.next(0, this.a).orElseThrow();

		scheduler.failed(arriving, 0);
		scheduler.abandoned(behind);
		scheduler.streamEnded(this.a);

		assertThat(scheduler.usableSources(0)).as("one failure of two that ban").isOne();
		assertThat(scheduler.inFlightCount()).isZero();
		assertThat(scheduler.next(0)).map(Assignment::source).contains(this.a);
	}

	@Test
	void theLoadSpreadsOverPeersAndStopsAtTheOverallCap() {
		ChunkScheduler scheduler = scheduler(10, 4, 4, new Random(3));
		BitSet all = bits(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
		scheduler.updateSources(holdings(this.a, all, this.b, all));
		Map<String, Integer> perPeer = new LinkedHashMap<>();
		for (int i = 0; i < 4; i++) {
			perPeer.merge(take(scheduler).source().peerId(), 1, Integer::sum);
		}
		assertThat(scheduler.next(0)).isEmpty();
		assertThat(perPeer).containsEntry("a", 2).containsEntry("b", 2);
	}

	@Test
	void aPeerWithTheWholeFileIsAskedOnlyForWhatNoOtherHolderCanSendNow() {
		ChunkScheduler scheduler = scheduler(4, 10, 2, new Random(5));
		scheduler.updateSources(holdings(this.a, bits(0, 1, 2, 3), this.b, bits(0, 1, 2)));
		Assignment first = take(scheduler);
		assertThat(first).as("only the seed holds chunk 3").isEqualTo(new Assignment(this.a, 3, false, true));
		List<Source> next = List.of(take(scheduler).source(), take(scheduler).source());
		assertThat(next).as("b holds these too, and is asked although the seed is as free")
			.containsExactly(this.b, this.b);
		Assignment last = take(scheduler);
		assertThat(last.source()).as("b has its share in flight: now the seed").isEqualTo(this.a);
		assertThat(last.spread()).as("a seed may send a chunk no one has instead").isTrue();
	}

	@Test
	void inEndGameTheLastChunksAreAskedFromASecondPeer() {
		ChunkScheduler scheduler = scheduler(2, 10, 2, new Random(4));
		scheduler.updateSources(holdings(this.a, bits(0, 1), this.b, bits(0, 1)));
		Assignment first = take(scheduler);
		Assignment second = take(scheduler);
		assertThat(List.of(first.duplicate(), second.duplicate())).containsOnly(false);
		assertThat(first.source()).as("the load spreads").isNotEqualTo(second.source());

		Assignment twin = take(scheduler);
		assertThat(twin.duplicate()).isTrue();
		Assignment original = (twin.chunkIndex() == first.chunkIndex()) ? first : second;
		assertThat(twin.source()).isNotEqualTo(original.source());
		take(scheduler);
		assertThat(scheduler.next(0)).as("two sources per chunk at most").isEmpty();

		assertThat(scheduler.completed(twin, twin.chunkIndex())).isTrue();
		assertThat(scheduler.completed(original, original.chunkIndex())).as("the slower twin brings nothing new")
			.isFalse();
	}

	@Test
	void endGameWaitsUntilEveryMissingChunkIsOnItsWay() {
		ChunkScheduler scheduler = scheduler(3, 10, 2, new Random(7));
		scheduler.updateSources(holdings(this.a, bits(0, 1), this.b, bits(0, 1)));
		take(scheduler);
		take(scheduler);
		assertThat(scheduler.next(0)).as("chunk 2 has no source yet: no twins meanwhile").isEmpty();

		scheduler.updateSources(holdings(this.a, bits(0, 1), this.b, bits(0, 1), this.c, bits(2)));
		assertThat(take(scheduler)).isEqualTo(new Assignment(this.c, 2, false, true));
		assertThat(take(scheduler).duplicate()).as("now every chunk is on its way").isTrue();
	}

	@Test
	void aChunkCountsOnlyOnceItIsWrittenAndIsNotFetchedAgainMeanwhile() {
		ChunkScheduler scheduler = scheduler(1, 10, 10, new Random(6));
		scheduler.updateSources(holdings(this.a, bits(0), this.b, bits(0)));
		Assignment fetched = take(scheduler);
		assertThat(scheduler.completed(fetched, 0)).isTrue();
		assertThat(scheduler.isComplete()).as("verified but not yet on disk").isFalse();
		assertThat(scheduler.next(0)).as("no second fetch of a chunk being written").isEmpty();
		scheduler.stored(0);
		assertThat(scheduler.isComplete()).isTrue();
		assertThat(scheduler.haveCount()).isOne();
	}

	@Test
	void aChunkAPeerSaidItLacksIsNotAskedOfItAgainWhateverTheTrackerSays() {
		ChunkScheduler scheduler = scheduler(1, 10, 10, new Random(7));
		scheduler.updateSources(holdings(this.a, bits(0)));
		scheduler.notHeld(take(scheduler));
		scheduler.updateSources(holdings(this.a, bits(0)));
		assertThat(scheduler.next(0)).isEmpty();
		scheduler.updateSources(holdings(this.a, bits(0), this.b, bits(0)));
		assertThat(take(scheduler).source()).isEqualTo(this.b);
	}

	@Test
	void aPeerThatSendsBadDataIsBannedAtOnceUntilTheBanEnds() {
		ChunkScheduler scheduler = scheduler(2, 10, 10, new Random(5));
		scheduler.updateSources(holdings(this.a, bits(0, 1)));
		scheduler.badData(take(scheduler), 100);
		assertThat(scheduler.next(100)).isEmpty();
		assertThat(scheduler.bannedSources(100)).isOne();
		assertThat(scheduler.next(100 + BAN)).isPresent();
	}

	@Test
	void aPeerIsBannedAfterRepeatedFailuresOnly() {
		ChunkScheduler scheduler = scheduler(1, 10, 10, new Random(6));
		scheduler.updateSources(holdings(this.a, bits(0)));
		scheduler.failed(take(scheduler), 0);
		scheduler.failed(take(scheduler), 0);
		Assignment third = take(scheduler);
		scheduler.failed(third, 0);
		assertThat(scheduler.next(0)).isEmpty();
		assertThat(scheduler.usableSources(0)).isZero();
	}

	@Test
	void aPeerBannedForFailingIsAskedAgainOnlyOnceTheTrackerNamesItAgain() {
		ChunkScheduler scheduler = scheduler(1, 10, 10, new Random(11));
		scheduler.addSources(holdings(this.a, bits(0)));
		for (int failure = 0; failure < 3; failure++) {
			scheduler.failed(take(scheduler), 0);
		}
		assertThat(scheduler.next(BAN)).as("the ban over, a not named since").isEmpty();
		scheduler.addSources(holdings(this.b, bits(0)));
		Assignment fromB = scheduler.next(BAN).orElseThrow();
		assertThat(fromB.source()).as("a sample of the swarm without a").isEqualTo(this.b);
		scheduler.failed(fromB, BAN);
		scheduler.addSources(holdings(this.a, bits(0)));
		assertThat(scheduler.next(BAN).map(Assignment::source)).as("a named again").contains(this.a);
	}

	@Test
	void aChunkAPeerTurnsOutNotToHoldIsAskedElsewhere() {
		ChunkScheduler scheduler = scheduler(1, 10, 10, new Random(7));
		scheduler.updateSources(holdings(this.a, bits(0), this.b, bits(0)));
		Assignment first = take(scheduler);
		scheduler.notHeld(first);
		Assignment second = take(scheduler);
		assertThat(second.source()).isNotEqualTo(first.source());
		assertThat(second.duplicate()).isFalse();
	}

	@Test
	void chunksAlreadyVerifiedAreNotAskedAgain() {
		ChunkScheduler scheduler = new ChunkScheduler(3, bits(0, 2), 10, 10, 3, BAN, new Random(8));
		scheduler.updateSources(holdings(this.a, bits(0, 1, 2)));
		assertThat(take(scheduler).chunkIndex()).isOne();
		assertThat(scheduler.next(0)).isEmpty();
		assertThat(scheduler.haveCount()).isEqualTo(2);
	}

	@Test
	void peersNoLongerListedAreNotAsked() {
		ChunkScheduler scheduler = scheduler(1, 10, 10, new Random(9));
		scheduler.updateSources(holdings(this.a, bits(0)));
		scheduler.updateSources(holdings(this.b, bits()));
		assertThat(scheduler.next(0)).isEmpty();
	}

	@Test
	void aPartialListUpdatesThePeersItNamesAndKeepsTheOthers() {
		ChunkScheduler scheduler = scheduler(2, 10, 10, new Random(10));
		scheduler.updateSources(holdings(this.a, bits(0)));
		assertThat(scheduler.addSources(holdings(this.b, bits(1)))).as("a new peer with a missing chunk").isTrue();
		assertThat(scheduler.addSources(holdings(this.b, bits(1)))).as("the same again").isFalse();
		assertThat(List.of(take(scheduler), take(scheduler))).as("a, left out of the partial list, still asked")
			.containsExactlyInAnyOrder(new Assignment(this.a, 0, false, true), new Assignment(this.b, 1, false, true));

		ChunkScheduler whole = scheduler(2, 10, 10, new Random(10));
		whole.updateSources(holdings(this.a, bits(0)));
		whole.addSources(holdings(this.b, bits(1)));
		whole.updateSources(holdings(this.b, bits(1)));
		assertThat(take(whole)).isEqualTo(new Assignment(this.b, 1, false, true));
		assertThat(whole.next(0)).as("a, left out of a whole list, no longer asked").isEmpty();
	}

	@Test
	void anAnswerIsNewsOnlyWhenItOffersAMissingChunkNotKnownToBeThere() {
		ChunkScheduler scheduler = new ChunkScheduler(4, bits(0), 10, 10, 3, BAN, new Random(4));
		assertThat(scheduler.updateSources(holdings(this.a, bits(0, 1)))).as("a first source").isTrue();
		assertThat(scheduler.updateSources(holdings(this.a, bits(0, 1)))).as("the same answer again").isFalse();
		assertThat(scheduler.updateSources(holdings(this.a, bits(0, 1), this.b, bits(0))))
			.as("a new peer with only a chunk held here")
			.isFalse();
		assertThat(scheduler.updateSources(holdings(this.a, bits(0, 1, 2), this.b, bits(0))))
			.as("a known peer gained a missing chunk")
			.isTrue();
		assertThat(scheduler.updateSources(holdings(this.a, bits(0, 1, 2)))).as("a peer left").isFalse();
		assertThat(scheduler.updateSources(holdings(this.a, bits(0, 1, 2), this.b, bits(0, 1))))
			.as("a peer listed again with a missing chunk")
			.isTrue();
		Assignment asked = take(scheduler);
		scheduler.notHeld(asked);
		assertThat(scheduler.updateSources(holdings(this.a, bits(0, 1, 2), this.b, bits(0, 1))))
			.as("the tracker still lists a chunk its holder denied")
			.isFalse();
	}

	private static ChunkScheduler scheduler(int chunks, int maxInFlight, int perPeer, Random random) {
		return new ChunkScheduler(chunks, new BitSet(), maxInFlight, perPeer, 3, BAN, random);
	}

	private static Assignment take(ChunkScheduler scheduler) {
		Optional<Assignment> next = scheduler.next(0);
		assertThat(next).isPresent();
		return next.get();
	}

	private static BitSet bits(int... indices) {
		BitSet bits = new BitSet();
		for (int index : indices) {
			bits.set(index);
		}
		return bits;
	}

	private static Map<Source, BitSet> holdings(Object... sourcesAndBits) {
		Map<Source, BitSet> holdings = new LinkedHashMap<>();
		for (int i = 0; i < sourcesAndBits.length; i += 2) {
			holdings.put((Source) sourcesAndBits[i], (BitSet) sourcesAndBits[i + 1]);
		}
		return holdings;
	}

}
