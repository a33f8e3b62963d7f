import Foundation
import IkametCore
import IkametInterchange
import TerminalUI

/// The interchange format's fast reader and writer against Foundation's, on one file
/// (issue 11: keep the fast reader only where the measurement says so). Prints the
/// best of `runs` for: decoding every client with ClientJSON and with JSONDecoder, and
/// encoding every client with ClientJSON and with JSONEncoder.
func benchInterchange(path: String, runs: Int = 3) throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    let scanner = try InterchangeScanner(data)
    let ranges = scanner.clientRanges
    func best(_ body: () throws -> Int) rethrows -> (ms: Double, count: Int) {
        var times: [Double] = [], count = 0
        for _ in 0..<runs {
            let t0 = DispatchTime.now().uptimeNanoseconds
            count = try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        return (times.min() ?? 0, count)
    }
    let fast = best {
        data.withUnsafeBytes { raw in ranges.reduce(0) { n, r in n + (ClientJSON.decode(UnsafeRawBufferPointer(rebasing: raw[r])) == nil ? 0 : 1) } }
    }
    let decoder = JSONDecoder()
    let foundation = best { ranges.reduce(0) { n, r in n + ((try? decoder.decode(Client.self, from: data.subdata(in: r))) == nil ? 0 : 1) } }
    let clients = ranges.compactMap { r in data.withUnsafeBytes { ClientJSON.decode(UnsafeRawBufferPointer(rebasing: $0[r])) } }
    let fastWrite = best { clients.reduce(0) { $0 + ClientJSON.encode($1).count } }
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let foundationWrite = best { clients.reduce(0) { n, c in n + ((try? encoder.encode(c))?.count ?? 0) } }
    OutputGate.line("interchange read, \(ranges.count) clients: fast reader \(String(format: "%.1f", fast.ms)) ms (\(fast.count) read), "
                    + "JSONDecoder \(String(format: "%.1f", foundation.ms)) ms (\(foundation.count) read): "
                    + "\(String(format: "%.1f", foundation.ms / max(fast.ms, 0.001)))x")
    OutputGate.line("interchange write, \(clients.count) clients: fast writer \(String(format: "%.1f", fastWrite.ms)) ms, "
                    + "JSONEncoder \(String(format: "%.1f", foundationWrite.ms)) ms: "
                    + "\(String(format: "%.1f", foundationWrite.ms / max(fastWrite.ms, 0.001)))x")
}
