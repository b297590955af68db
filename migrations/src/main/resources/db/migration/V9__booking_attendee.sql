-- Who a booking is for, as the booker gave it. A public link's client who types an email that is
-- already a customer's is booked on that customer, but the customer's record is never changed by
-- the public: the typed details stay here, with attendee_verified = false, for the business to see.
-- Nullable columns and a constant default: no table rewrite, no scan, a brief lock only. Bookings
-- made before this column existed were all made or vouched for by the business, hence true.
ALTER TABLE bookings ADD COLUMN attendee_name text;
ALTER TABLE bookings ADD COLUMN attendee_email text;
ALTER TABLE bookings ADD COLUMN attendee_phone text;
ALTER TABLE bookings ADD COLUMN attendee_verified boolean NOT NULL DEFAULT true;
