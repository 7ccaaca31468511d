<?php
namespace Wbx\Client;

class PrimeHandler {
	public function onLoadExtensionSchemaUpdates( $updater ) {
		$updater->addExtensionUpdate( [ [ __CLASS__, 'prime' ] ] );
	}
}
