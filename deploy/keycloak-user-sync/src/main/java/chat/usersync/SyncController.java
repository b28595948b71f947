package chat.usersync;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A run on demand, e.g. right after an administrator created users: answers what it did. */
@RestController
class SyncController {

    private final UserSync sync;

    SyncController(UserSync sync) {
        this.sync = sync;
    }

    @PostMapping({"/sync", "/sync/"})
    SyncReport sync() {
        return sync.run();
    }
}
