#include "parallel.hpp"

#include <atomic>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace stakemap::analysis::detail {

void for_each_block(std::size_t count, std::size_t blocks, unsigned threads,
                    const RunControl& control,
                    const std::function<void(std::size_t, std::size_t, std::size_t)>& work,
                    std::string_view task) {
    if (count == 0 || blocks == 0) {
        return;
    }
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    std::atomic<bool> failed{false};
    std::exception_ptr failure; // the first exception thrown by a block
    std::mutex report;          // serialises progress calls and the recording of `failure`
    auto worker = [&]() noexcept {
        try {
            for (std::size_t block = next++;
                 block < blocks && !failed.load() && !control.stop_requested(); block = next++) {
                work(block * count / blocks, (block + 1) * count / blocks, block);
                const std::size_t finished = ++done;
                if (control.progress) {
                    const std::lock_guard lock(report);
                    control.progress(task, finished, blocks);
                }
            }
        } catch (...) {
            const std::lock_guard lock(report);
            if (!failure) {
                failure = std::current_exception();
            }
            failed.store(true);
        }
    };
    const unsigned used = std::min<unsigned>(threads, static_cast<unsigned>(blocks));
    std::vector<std::thread> pool;
    pool.reserve(used);
    for (unsigned t = 1; t < used; ++t) {
        try {
            pool.emplace_back(worker);
        } catch (const std::system_error&) {
            break; // no more threads to be had: the ones running (and this one) do the work
        }
    }
    worker();
    for (auto& thread : pool) {
        thread.join();
    }
    if (failure) {
        std::rethrow_exception(failure);
    }
    control.check();
}

} // namespace stakemap::analysis::detail
