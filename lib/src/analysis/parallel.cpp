#include "parallel.hpp"

#include "stakemap/analysis/run_control.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace stakemap::analysis::detail {

void for_each_block(std::size_t count, std::size_t blocks, unsigned threads,
                    const std::function<void(std::size_t, std::size_t, std::size_t)>& work,
                    std::string_view task) {
    if (count == 0 || blocks == 0) {
        return;
    }
    const RunControl& control = run_control();
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    std::mutex report;
    auto stopping = [&] {
        return control.stop != nullptr && control.stop->load();
    };
    auto worker = [&] {
        for (std::size_t block = next++; block < blocks && !stopping(); block = next++) {
            work(block * count / blocks, (block + 1) * count / blocks, block);
            const std::size_t finished = ++done;
            if (control.progress) {
                std::lock_guard lock(report);
                control.progress(task, finished, blocks);
            }
        }
    };
    const unsigned used = std::min<unsigned>(threads, static_cast<unsigned>(blocks));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < used; ++t) {
        pool.emplace_back(worker);
    }
    worker();
    for (auto& thread : pool) {
        thread.join();
    }
    if (stopping()) {
        throw Interrupted();
    }
}

} // namespace stakemap::analysis::detail
