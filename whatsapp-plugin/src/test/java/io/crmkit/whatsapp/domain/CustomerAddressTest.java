package io.crmkit.whatsapp.domain;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CustomerAddressTest {

    @Test
    void aNumberIsKeptAsItsDigitsAndReachedInInternationalNotation() {
        CustomerAddress number = CustomerAddress.of(Optional.of("819012345678"), Optional.of("US.123"));
        assertEquals("819012345678", number.key());
        assertEquals(Optional.of("+819012345678"), number.phoneNumber());
        assertEquals("+819012345678", number.recipient());
        assertEquals(number, CustomerAddress.fromKey(number.key()));
    }

    @Test
    void aUserWithoutANumberIsKeptByUserIdAndReachedByIt() {
        CustomerAddress user = CustomerAddress.of(Optional.empty(), Optional.of("US.13491208655302741918"));
        assertEquals("user:US.13491208655302741918", user.key());
        assertEquals(Optional.empty(), user.phoneNumber());
        assertEquals("US.13491208655302741918", user.recipient());
        assertEquals(user, CustomerAddress.fromKey(user.key()));
    }
}
