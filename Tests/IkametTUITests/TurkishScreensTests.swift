import Foundation
@testable import IkametText
import Testing

/// Every Turkish screen is in Turkish (issue 11, "no English word left, except
/// client data and ids"): no phrase of the English catalog appears in a Turkish
/// snapshot, unless the Turkish catalog says the same or the demo data contains it.
@Suite("Turkish screens")
struct TurkishScreensTests {
    @Test("no English catalog phrase in any Turkish screen snapshot")
    func noEnglishLeft() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.contains("-tr-") && $0.hasSuffix(".txt") && !$0.hasSuffix(".style.txt") }.sorted()
        #expect(files.count > 80, "Turkish snapshots are missing")
        let english = Catalog.english, turkish = try #require(Catalog.named("tr"))
        let demo = try String(contentsOf: Repo.data.appendingPathComponent("demo.json"), encoding: .utf8)
        // The literal pieces of every English template: phrases of two words or more, 10 characters or more.
        var phrases: Set<String> = []
        for key in english.keys {
            guard let template = english.templates[key] else { continue }
            let turkishText = turkish("\(key)")
            for case .literal(let piece) in template.segments {
                let phrase = piece.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
                guard phrase.count >= 10, phrase.contains(" "), !turkishText.contains(phrase), !demo.contains(phrase) else { continue }
                phrases.insert(phrase)
            }
        }
        #expect(phrases.count > 300)
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            let found = phrases.filter { text.contains($0) }.sorted()
            #expect(found.isEmpty, "\(file) shows English: \(found)")
        }
    }
}
