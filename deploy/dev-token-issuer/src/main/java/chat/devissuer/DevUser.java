package chat.devissuer;

import chat.common.users.UserProfile;

/** A user registered with the development issuer: the public profile plus the staff flag. */
public record DevUser(UserProfile profile, boolean staff) {

    public long id() {
        return profile.id();
    }
}
