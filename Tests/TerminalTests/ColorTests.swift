import Testing
@testable import Terminal

@Suite struct ColorDownsamplingTests {
    @Test func defaultStaysDefaultAndNoColoursMeansDefault() {
        #expect(ColorDownsampling.color(-1, colorCount: 256) == -1)
        #expect(ColorDownsampling.color(-1, colorCount: 8) == -1)
        #expect(ColorDownsampling.color(196, colorCount: 0) == -1)
        #expect(ColorDownsampling.color(3, colorCount: 2) == -1)
    }

    @Test func twoHundredFiftySixColoursKeepEveryIndex() {
        for index: Int32 in [0, 7, 8, 15, 16, 196, 231, 255] {
            #expect(ColorDownsampling.color(index, colorCount: 256) == index)
        }
    }

    @Test func eightColoursKeepAnsiAndFoldBright() {
        for index: Int32 in 0...7 { #expect(ColorDownsampling.color(index, colorCount: 8) == index) }
        for index: Int32 in 8...15 { #expect(ColorDownsampling.color(index, colorCount: 8) == index - 8) }
    }

    @Test func eightColoursMapTheCubeToTheNearestAnsiColour() {
        #expect(ColorDownsampling.color(196, colorCount: 8) == 1)  // ff0000 red
        #expect(ColorDownsampling.color(46, colorCount: 8) == 2)   // 00ff00 green
        #expect(ColorDownsampling.color(21, colorCount: 8) == 4)   // 0000ff blue
        #expect(ColorDownsampling.color(226, colorCount: 8) == 3)  // ffff00 yellow
        #expect(ColorDownsampling.color(201, colorCount: 8) == 5)  // ff00ff magenta
        #expect(ColorDownsampling.color(51, colorCount: 8) == 6)   // 00ffff cyan
        #expect(ColorDownsampling.color(231, colorCount: 8) == 7)  // ffffff white
        #expect(ColorDownsampling.color(16, colorCount: 8) == 0)   // 000000 black
        #expect(ColorDownsampling.color(208, colorCount: 8) == 3)  // ff8700 orange → yellow
        #expect(ColorDownsampling.color(232, colorCount: 8) == 0)  // darkest grey
        #expect(ColorDownsampling.color(255, colorCount: 8) == 7)  // lightest grey
    }

    @Test func sixteenColoursUseTheBrightOnes() {
        #expect(ColorDownsampling.color(12, colorCount: 16) == 12)
        #expect(ColorDownsampling.color(196, colorCount: 16) == 9)
        #expect(ColorDownsampling.color(231, colorCount: 16) == 15)
        #expect(ColorDownsampling.color(100, colorCount: 88) < 16)
    }

    @Test func xtermPalette() {
        #expect(ColorDownsampling.rgb(16) == (0, 0, 0))
        #expect(ColorDownsampling.rgb(196) == (255, 0, 0))
        #expect(ColorDownsampling.rgb(67) == (95, 135, 175))
        #expect(ColorDownsampling.rgb(244) == (128, 128, 128))
    }
}

@Suite struct ColorPairCacheTests {
    @Test func defaultColoursArePairZero() {
        var cache = ColorPairCache(capacity: 10)
        #expect(cache.pair(foreground: -1, background: -1) == (0, false))
        #expect(cache.count == 0)
    }

    @Test func pairsAreAllocatedOnceAndReused() {
        var cache = ColorPairCache(capacity: 10)
        #expect(cache.pair(foreground: 1, background: -1) == (1, true))
        #expect(cache.pair(foreground: -1, background: 4) == (2, true))
        #expect(cache.pair(foreground: 1, background: -1) == (1, false))
        #expect(cache.pair(foreground: 4, background: -1) == (3, true))
        #expect(cache.count == 3)
    }

    @Test func aFullCacheFallsBackToTheDefaultPair() {
        var cache = ColorPairCache(capacity: 1)
        #expect(cache.pair(foreground: 1, background: 0) == (1, true))
        #expect(cache.pair(foreground: 2, background: 0) == (0, false))
        #expect(cache.pair(foreground: 1, background: 0) == (1, false))
    }

    @Test func noColoursMeansNoPairs() {
        var cache = ColorPairCache(capacity: 0)
        #expect(cache.pair(foreground: 1, background: 2) == (0, false))
    }

    @Test func removeAllStartsOver() {
        var cache = ColorPairCache(capacity: 5)
        _ = cache.pair(foreground: 1, background: 2)
        cache.removeAll()
        #expect(cache.pair(foreground: 3, background: 2) == (1, true))
    }
}
